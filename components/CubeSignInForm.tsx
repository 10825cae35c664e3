import { useRef, useState } from 'preact/hooks';
import type { CubeCredentials } from '@/lib/connectycube/types';
import { t } from '@/lib/i18n';
import { plainError } from '@/lib/ui/format';
import { validateCubeForm, type CubeErrors, type CubeField } from '@/lib/ui/validate';
import { TextField } from './TextField.tsx';

export interface CubeSignInFormProps {
  /** Prefilled: the endpoint in use (or the build's default). Nothing else is ever prefilled. */
  endpoint: string;
  busy: boolean;
  /** The server's refusal of the last attempt. */
  error: string | null;
  /** Resolves true when signed in. */
  onSignIn(credentials: CubeCredentials): Promise<boolean>;
}

const FIELDS: {
  field: CubeField;
  label: 'fieldEndpoint' | 'fieldAppId' | 'fieldAuthKey' | 'fieldLogin' | 'fieldPassword';
  autocomplete: string;
}[] = [
  { field: 'endpoint', label: 'fieldEndpoint', autocomplete: 'url' },
  { field: 'applicationId', label: 'fieldAppId', autocomplete: 'off' },
  { field: 'authKey', label: 'fieldAuthKey', autocomplete: 'off' },
  { field: 'login', label: 'fieldLogin', autocomplete: 'username' },
  { field: 'password', label: 'fieldPassword', autocomplete: 'current-password' },
];

/** ConnectyCube sign-in, checked before it is sent (required fields, https endpoint). */
export function CubeSignInForm({ endpoint, busy, error, onSignIn }: CubeSignInFormProps) {
  const [values, setValues] = useState<CubeCredentials>({
    endpoint,
    applicationId: '',
    authKey: '',
    login: '',
    password: '',
  });
  const [errors, setErrors] = useState<CubeErrors>({});
  const [tried, setTried] = useState(false);
  const refs = useRef<Partial<Record<CubeField, HTMLInputElement | null>>>({});

  function update(field: CubeField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    // After a first attempt, messages follow the typing.
    if (tried) setErrors(validateCubeForm(next));
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const found = validateCubeForm(values);
    setErrors(found);
    const first = FIELDS.find(({ field }) => found[field]);
    if (first) {
      refs.current[first.field]?.focus();
      return;
    }
    const ok = await onSignIn({
      ...values,
      endpoint: values.endpoint.trim(),
      login: values.login.trim(),
    });
    // The password is never kept in the page longer than needed.
    if (ok) setValues((v) => ({ ...v, password: '' }));
  }

  return (
    <form class="form" noValidate onSubmit={(event) => void submit(event)}>
      {FIELDS.map(({ field, label, autocomplete }) => (
        <TextField
          key={field}
          label={t(label)}
          type={field === 'password' ? 'password' : field === 'endpoint' ? 'url' : 'text'}
          value={values[field]}
          autocomplete={autocomplete}
          error={errors[field] ? t(errors[field]) : undefined}
          inputRef={(element: HTMLInputElement | null) => {
            refs.current[field] = element;
          }}
          onInput={(value) => update(field, value)}
        />
      ))}
      {error && (
        <p class="error-text" role="alert">
          {t('signInFailed', plainError(error))}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </div>
    </form>
  );
}
