import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { OptionsApp } from '@/components/OptionsApp';
import { PopupApp } from '@/components/PopupApp';
import type { Status } from '@/lib/messaging/protocol';
import { describeThrown, errorDetails } from '@/lib/ui/error-report';
import { cleanup, makeStatus, mount, trackedApi } from './fake-api.ts';

afterEach(cleanup);

// The boundary logs what it caught; the tests look at the page instead.
beforeEach(() => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  return () => {
    error.mockRestore();
    warn.mockRestore();
  };
});

function Throws({ value }: { value: unknown }): never {
  throw value;
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const TITLE = 'Something went wrong while showing this page.';

describe('describeThrown', () => {
  it('reads the name, message and stack of an Error', () => {
    const error = new TypeError('boom');
    expect(describeThrown(error)).toEqual({
      name: 'TypeError',
      message: 'boom',
      stack: error.stack,
    });
  });

  it.each([
    ['a string', 'boom', { name: 'Error', message: 'boom', stack: '' }],
    ['undefined', undefined, { name: 'Error', message: 'undefined', stack: '' }],
    ['null', null, { name: 'Error', message: 'null', stack: '' }],
    ['a number', 42, { name: 'Error', message: '42', stack: '' }],
    ['an empty object', {}, { name: 'Error', message: '[object Object]', stack: '' }],
    [
      'an object without prototype',
      Object.create(null) as object,
      { name: 'Error', message: '(unreadable error)', stack: '' },
    ],
    [
      'an object whose getters throw',
      {
        get name(): string {
          throw new Error('no name');
        },
        get message(): string {
          throw new Error('no message');
        },
      },
      { name: 'Error', message: '[object Object]', stack: '' },
    ],
    ['a revoked proxy', revoked(), { name: 'Error', message: '(unreadable error)', stack: '' }],
    [
      'fields of other types',
      { name: 7, message: { text: 'x' }, stack: ['a'] },
      { name: 'Error', message: '[object Object]', stack: '' },
    ],
  ])('never throws on %s', (_, thrown, report) => {
    expect(describeThrown(thrown)).toEqual(report);
  });

  it('writes the details with the version and page, the stack once', () => {
    const report = {
      name: 'TypeError',
      message: 'boom',
      stack: 'TypeError: boom\n    at f (x.js:1)',
    };
    expect(errorDetails(report, '1.2.3', 'popup')).toBe(
      'Cube Contacts 1.2.3 (popup)\nTypeError: boom\n    at f (x.js:1)\n',
    );
    expect(errorDetails({ ...report, stack: 'f@x.js:1' }, '1.2.3', 'options')).toBe(
      'Cube Contacts 1.2.3 (options)\nTypeError: boom\nf@x.js:1\n',
    );
    expect(errorDetails({ ...report, stack: '' }, '1.2.3', 'popup')).toBe(
      'Cube Contacts 1.2.3 (popup)\nTypeError: boom\n',
    );
  });
});

describe('ErrorBoundary', () => {
  it('shows its children while they render', async () => {
    const fake = trackedApi(makeStatus());
    mount(
      <ErrorBoundary page="popup" api={fake}>
        <p>All fine</p>
      </ErrorBoundary>,
    );
    await expect.element(page.getByText('All fine')).toBeVisible();
    expect(document.body.textContent).not.toContain(TITLE);
  });

  it('shows what went wrong, and copies the name, message, stack and version', async () => {
    const fake = trackedApi(makeStatus());
    const error = new TypeError('row.phone.replace is not a function');
    mount(
      <ErrorBoundary page="popup" api={fake}>
        <Throws value={error} />
      </ErrorBoundary>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent(TITLE);
    await expect
      .element(page.getByText('TypeError: row.phone.replace is not a function', { exact: true }))
      .toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Copy details' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Details copied.');
    expect(fake.copied).toEqual([errorDetails(describeThrown(error), '1.2.3', 'popup')]);
    const [copied] = fake.copied;
    expect(copied).toContain('Cube Contacts 1.2.3 (popup)');
    expect(copied).toContain('TypeError: row.phone.replace is not a function');
    expect(copied).toContain(error.stack?.split('\n')[1]?.trim());
  });

  it('says so when copying fails, and when the version cannot be read', async () => {
    const fake = trackedApi(makeStatus());
    const api = {
      copy: () => Promise.reject(new Error('Document is not focused')),
      version: () => {
        throw new Error('Extension context invalidated');
      },
    };
    mount(
      <ErrorBoundary page="options" api={api}>
        <Throws value={new Error('boom')} />
      </ErrorBoundary>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Copy details' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Could not copy the details.');
    await userEvent.click(page.getByText('Details', { exact: true }));
    await expect.element(page.getByText(/Cube Contacts unknown version \(options\)/)).toBeVisible();
    expect(fake.copied).toEqual([]);
  });

  it.each([
    ['a string', 'boom', 'Error: boom'],
    ['an object without prototype', Object.create(null) as object, 'Error: (unreadable error)'],
    // (Not a revoked proxy: Preact itself reads `.then` of what was thrown, before any boundary.)
    [
      'an object whose getters throw',
      {
        get message(): string {
          throw new Error('no message');
        },
      },
      'Error: [object Object]',
    ],
  ])('shows a page for %s thrown', async (_, thrown, shown) => {
    const fake = trackedApi(makeStatus());
    mount(
      <ErrorBoundary page="popup" api={fake}>
        <Throws value={thrown} />
      </ErrorBoundary>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent(TITLE);
    await expect.element(page.getByText(shown, { exact: true })).toBeVisible();
  });

  it('shows its English when the strings cannot be read', async () => {
    const i18n = (globalThis as unknown as { chrome: { i18n: { getMessage: unknown } } }).chrome
      .i18n;
    const getMessage = i18n.getMessage;
    i18n.getMessage = () => {
      throw new Error('Extension context invalidated');
    };
    try {
      const fake = trackedApi(makeStatus());
      mount(
        <ErrorBoundary page="popup" api={fake}>
          <Throws value={new Error('boom')} />
        </ErrorBoundary>,
      );
      await expect.element(page.getByRole('alert')).toHaveTextContent(TITLE);
      await expect.element(page.getByRole('button', { name: 'Copy details' })).toBeVisible();
    } finally {
      i18n.getMessage = getMessage;
    }
  });

  it('catches the popup failing to render a status it does not understand', async () => {
    const broken = { ...makeStatus(), settings: undefined } as unknown as Status;
    const fake = trackedApi(broken);
    mount(
      <ErrorBoundary page="popup" api={fake}>
        <PopupApp api={fake} />
      </ErrorBoundary>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent(TITLE);
    await expect.element(page.getByText(/^TypeError: /)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Copy details' }));
    expect(fake.copied[0]).toMatch(/^Cube Contacts 1\.2\.3 \(popup\)\nTypeError: /);
  });

  it('catches the options page failing to render a status it does not understand', async () => {
    const broken = { ...makeStatus(), google: undefined } as unknown as Status;
    const fake = trackedApi(broken);
    mount(
      <ErrorBoundary page="options" api={fake}>
        <OptionsApp api={fake} />
      </ErrorBoundary>,
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent(TITLE);
    await expect.element(page.getByText(/^TypeError: /)).toBeVisible();
  });
});
