import { useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import type { SignInRequest } from '@/lib/messaging/protocol';
import { plainError } from '@/lib/ui/format';
import { signInRequest } from '@/lib/ui/sign-in';
import {
  validateSignIn,
  type CubeErrors,
  type CubeField,
  type SignInFields,
} from '@/lib/ui/validate';
import { SwitchField } from './SwitchField.tsx';
import { TextField } from './TextField.tsx';

export interface CubeSignInFormProps {
  /** Prefilled: the endpoint in use (or the build's default). */
  endpoint: string;
  /** The build has its own application: only login and password are asked, the rest is "Advanced". */
  builtInApp: boolean;
  /** Prefilled when signing in again to the same account. The password never is. */
  login?: string;
  busy: boolean;
  /** The server's refusal of the last attempt. */
  error: string | null;
  /** Resolves true when signed in. */
  onSignIn(request: SignInRequest): Promise<boolean>;
}

interface FieldSpec {
  field: CubeField;
  label: MessageKey;
  autocomplete: string;
}

const APP_FIELDS: FieldSpec[] = [
  { field: 'endpoint', label: 'fieldEndpoint', autocomplete: 'url' },
  { field: 'applicationId', label: 'fieldAppId', autocomplete: 'off' },
  { field: 'authKey', label: 'fieldAuthKey', autocomplete: 'off' },
];
const ACCOUNT_FIELDS: FieldSpec[] = [
  { field: 'login', label: 'fieldLogin', autocomplete: 'username' },
  { field: 'password', label: 'fieldPassword', autocomplete: 'current-password' },
];

/** ConnectyCube sign-in, checked before it is sent (required fields, https endpoint). */
export function CubeSignInForm({
  endpoint,
  builtInApp,
  login = '',
  busy,
  error,
  onSignIn,
}: CubeSignInFormProps) {
  const mode = { builtInApp, endpoint };
  const [values, setValues] = useState<SignInFields>({
    endpoint,
    applicationId: '',
    authKey: '',
    login,
    password: '',
  });
  const [staySignedIn, setStaySignedIn] = useState(true);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [errors, setErrors] = useState<CubeErrors>({});
  const [tried, setTried] = useState(false);
  const refs = useRef<Partial<Record<CubeField, HTMLInputElement | null>>>({});
  const advanced = useRef<HTMLDetailsElement>(null);
  // The order fields are shown in, which is also the order the first invalid one is looked for.
  const order = builtInApp
    ? [...ACCOUNT_FIELDS, ...APP_FIELDS]
    : [...APP_FIELDS, ...ACCOUNT_FIELDS];

  function update(field: CubeField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    // After a first attempt, messages follow the typing.
    if (tried) setErrors(validateSignIn(next, mode));
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const found = validateSignIn(values, mode);
    setErrors(found);
    const first = order.find(({ field }) => found[field]);
    if (first) {
      // A field inside the closed "Advanced" cannot take focus: open it first (its toggle event
      // updates the state).
      if (advanced.current && APP_FIELDS.includes(first)) advanced.current.open = true;
      refs.current[first.field]?.focus();
      return;
    }
    const ok = await onSignIn(signInRequest(values, staySignedIn, mode));
    // The password is never kept in the page longer than needed.
    if (ok) setValues((v) => ({ ...v, password: '' }));
  }

  const fields = (specs: FieldSpec[]) =>
    specs.map(({ field, label, autocomplete }) => (
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
    ));

  return (
    <form class="form" noValidate onSubmit={(event) => void submit(event)}>
      {!builtInApp && fields(APP_FIELDS)}
      {fields(ACCOUNT_FIELDS)}
      <SwitchField
        label={t('staySignedIn')}
        hint={t('staySignedInHint')}
        checked={staySignedIn}
        onChange={setStaySignedIn}
      />
      {builtInApp && (
        <details
          ref={advanced}
          class="advanced"
          open={advancedOpen}
          onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
        >
          <summary>{t('advanced')}</summary>
          <p class="hint muted">{t('advancedHint')}</p>
          {fields(APP_FIELDS)}
        </details>
      )}
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
