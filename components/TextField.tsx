import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

export interface TextFieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  /** The user is done with the field: they left it, or pressed Enter (the `change` event). */
  onCommit?(value: string): void;
  type?: 'text' | 'password' | 'url';
  /** Shown under the field; marks it invalid. */
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with its hint and its validation message next to it. */
export function TextField({
  label,
  value,
  onInput,
  onCommit,
  type = 'text',
  error,
  hint,
  autocomplete,
  inputRef,
}: TextFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        // Preact types each input type separately; these three take the same attributes.
        type={type as 'text'}
        value={value}
        autocomplete={autocomplete ?? 'off'}
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
        onChange={onCommit && ((event) => onCommit(event.currentTarget.value))}
      />
      {hint && (
        <p id={`${id}-hint`} class="hint muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error error-text">
          {error}
        </p>
      )}
    </div>
  );
}
