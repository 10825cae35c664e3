import { afterEach, describe, expect, it } from 'vitest';
import { Avatar } from '@/components/Avatar';
import { mount, unmountAll } from './fake-api.ts';

afterEach(unmountAll);

/** Nothing listens there: the picture fails at once, without leaving the machine. */
const UNREACHABLE = 'https://127.0.0.1:9/ada.png';

describe('Avatar', () => {
  it('loads an https picture, decorative and without a referrer', () => {
    const container = mount(<Avatar name="Ada Lovelace" src={UNREACHABLE} />);
    // Checked at once, before the picture has had time to fail.
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe(UNREACHABLE);
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it.each([
    'http://cdn.example/ada.png',
    'javascript:alert(1)',
    'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
    '//cdn.example/ada.png',
    '',
  ])('shows the initials instead of loading %j', (src) => {
    const container = mount(<Avatar name="Ada Lovelace" src={src} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('AL');
  });

  it('shows the initials when the picture does not load', async () => {
    const container = mount(<Avatar name="Ada Lovelace" src={UNREACHABLE} />);
    await expect.poll(() => container.querySelector('img'), { timeout: 5000 }).toBeNull();
    expect(container.textContent).toBe('AL');
  });
});
