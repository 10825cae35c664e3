import { useState } from 'preact/hooks';
import { initials, isHttpsUrl } from '@/lib/ui/format';

/**
 * The profile picture when it is an https URL that loads, else the name's initials. Decorative.
 * The picture's server is told nothing of the page (no referrer); the app user who chose the URL
 * still learns when and from where it is fetched, so http is never loaded (see `isHttpsUrl`).
 */
export function Avatar({ name, src }: { name: string; src?: string | undefined }) {
  const [broken, setBroken] = useState(false);
  if (isHttpsUrl(src) && !broken) {
    return (
      <img
        class="avatar"
        src={src}
        alt=""
        width={36}
        height={36}
        loading="lazy"
        referrerpolicy="no-referrer"
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span class="avatar avatar-initials" aria-hidden="true">
      {initials(name)}
    </span>
  );
}
