import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** One section of the options page: a titled card (a region named by its heading). */
export function Card({ title, children }: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
