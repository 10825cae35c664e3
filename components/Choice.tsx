export interface ChoiceProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  options: { value: V; label: string }[];
  onChange(value: V): void;
}

/** A group of radio buttons with its visible legend. */
export function Choice<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: ChoiceProps<V>) {
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} class="radio">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
