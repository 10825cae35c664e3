import { useId } from 'preact/hooks';

export interface SwitchFieldProps {
  label: string;
  /** Says what the switch keeps or changes; the checkbox is described by it. */
  hint: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A labelled on/off switch with its hint under it, as a form's field. */
export function SwitchField({ label, hint, checked, onChange }: SwitchFieldProps) {
  const hintId = useId();
  return (
    <div class="field">
      <label class="switch">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      <p id={hintId} class="hint muted">
        {hint}
      </p>
    </div>
  );
}
