import { Component, type ComponentChildren } from 'preact';
import { t, type MessageKey } from '@/lib/i18n';
import type { UiApi } from '@/lib/ui/api';
import { describeThrown, errorDetails, type ErrorReport } from '@/lib/ui/error-report';
import './theme.css';

export interface ErrorBoundaryProps {
  /** Which page this is: its layout class, and named in the copied details. */
  page: 'popup' | 'options';
  api: Pick<UiApi, 'copy' | 'version'>;
  children: ComponentChildren;
}

interface ErrorBoundaryState {
  error: ErrorReport | null;
  /** The answer of the last "Copy details". */
  copied: 'copied' | 'failed' | null;
}

/**
 * English of the keys below, used when `t()` itself fails: the one screen that shows that
 * something broke must not break with it.
 */
const FALLBACK = {
  errorBoundaryTitle: 'Something went wrong while showing this page.',
  errorBoundaryHint:
    'Opening it again may help. If it keeps happening, report it with the details.',
  errorBoundaryCopy: 'Copy details',
  errorBoundaryCopied: 'Details copied.',
  errorBoundaryCopyFailed: 'Could not copy the details.',
  errorBoundaryDetails: 'Details',
} satisfies Partial<Record<MessageKey, string>>;

function say(key: keyof typeof FALLBACK): string {
  try {
    const text = t(key);
    return text && text !== key ? text : FALLBACK[key];
  } catch {
    return FALLBACK[key];
  }
}

function versionOf(api: ErrorBoundaryProps['api']): string {
  try {
    return String(api.version());
  } catch {
    return 'unknown version';
  }
}

/**
 * Shows what went wrong instead of a blank page when rendering the page throws, with "Copy details"
 * (error, stack, version) for a report. Errors of event handlers and promises are not its: the
 * pages show those themselves. Nothing in it can throw.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, copied: null };

  static override getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: describeThrown(error), copied: null };
  }

  override componentDidCatch(error: unknown): void {
    try {
      console.error('the page failed to render', error);
    } catch {
      // Nothing to do: the page shows the error.
    }
  }

  private details(error: ErrorReport): string {
    return errorDetails(error, versionOf(this.props.api), this.props.page);
  }

  private copy = async (): Promise<void> => {
    const error = this.state.error;
    if (!error) return;
    let copied: ErrorBoundaryState['copied'] = 'failed';
    try {
      await this.props.api.copy(this.details(error));
      copied = 'copied';
    } catch (reason) {
      console.warn('could not copy the error details', reason);
    }
    this.setState({ copied });
  };

  override render() {
    const { error, copied } = this.state;
    if (!error) return this.props.children;
    return (
      <main class={`${this.props.page} error-page`}>
        <p role="alert" class="error-title">
          {say('errorBoundaryTitle')}
        </p>
        <p class="error-text error-message">{`${error.name}: ${error.message}`}</p>
        <p class="muted">{say('errorBoundaryHint')}</p>
        <div class="actions">
          <button type="button" onClick={() => void this.copy()}>
            {say('errorBoundaryCopy')}
          </button>
          <span role="status" class={copied === 'failed' ? 'error-text' : 'muted'}>
            {copied === 'copied'
              ? say('errorBoundaryCopied')
              : copied === 'failed'
                ? say('errorBoundaryCopyFailed')
                : ''}
          </span>
        </div>
        <details class="error-details">
          <summary>{say('errorBoundaryDetails')}</summary>
          {/* Focusable: a scrolling region must be reachable by keyboard. */}
          <pre tabIndex={0}>{this.details(error)}</pre>
        </details>
      </main>
    );
  }
}
