import { useState } from 'preact/hooks';
import { initials, isHttpUrl } from '@/lib/ui/format';

/** The profile picture when it is an http(s) URL that loads, else the name's initials. Decorative. */
export function Avatar({ name, src }: { name: string; src?: string | undefined }) {
  const [broken, setBroken] = useState(false);
  if (isHttpUrl(src) && !broken) {
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
