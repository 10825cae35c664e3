import { ConfirmChoices } from './ConfirmChoices.tsx';

export interface ConfirmButtonProps {
  label: string;
  /** What will happen, asked before doing it. */
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
}

/** A destructive action in two steps: the button, then the question with "Yes" and "Cancel". */
export function ConfirmButton({ confirmLabel, onConfirm, ...rest }: ConfirmButtonProps) {
  return <ConfirmChoices {...rest} choices={[{ label: confirmLabel, onChoose: onConfirm }]} />;
}
