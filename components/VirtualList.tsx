import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollToShow, visibleRange } from '@/lib/ui/virtual';

export interface VirtualListProps<T> {
  items: T[];
  /** Every row is this tall (px): the window is computed, never measured. */
  rowHeight: number;
  /** Height of the scroll container (px). */
  height: number;
  /** Rows rendered beyond each edge of the visible window. */
  overscan?: number;
  /** The list's accessible name. */
  label: string;
  itemKey(item: T): string | number;
  /**
   * The row's content. It must contain one focusable element with `data-row={index}` and
   * `tabIndex={tabbable ? 0 : -1}`: one row is in the tab order, arrows move between rows.
   */
  renderRow(item: T, index: number, tabbable: boolean): ComponentChildren;
}

/**
 * A list that renders only the rows in view (plus overscan), so thousands of rows stay fast.
 * Keyboard: Tab enters the list at the current row; ArrowUp/ArrowDown/PageUp/PageDown/Home/End move.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  overscan = 6,
  label,
  itemKey,
  renderRow,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(height);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [height]);

  // A shorter list (a search) keeps the current row inside it.
  const current = Math.min(active, Math.max(0, items.length - 1));

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-row="${current}"]`)?.focus();
  });

  function moveTo(index: number) {
    const element = scroller.current;
    if (!element || items.length === 0) return;
    const next = Math.max(0, Math.min(items.length - 1, index));
    const top = scrollToShow(next, element.scrollTop, viewport, rowHeight);
    element.scrollTop = top;
    setScrollTop(top);
    setActive(next);
    focusPending.current = true;
  }

  function onKeyDown(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: items.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  }

  function onFocusIn(event: FocusEvent) {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    const index = row ? Number(row.dataset.row) : NaN;
    if (Number.isInteger(index) && index !== current) setActive(index);
  }

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, items.length, overscan);
  const indexes: number[] = [];
  // The row in the tab order stays rendered when scrolled away, so focus is never dropped.
  if (items.length > 0 && current < start) indexes.push(current);
  for (let index = start; index < end; index++) indexes.push(index);
  if (items.length > 0 && current >= end) indexes.push(current);
  const rows = indexes.map((index) => {
    const item = items[index] as T;
    return (
      <li
        key={itemKey(item)}
        aria-setsize={items.length}
        aria-posinset={index + 1}
        style={{
          position: 'absolute',
          top: `${index * rowHeight}px`,
          left: 0,
          right: 0,
          height: `${rowHeight}px`,
        }}
      >
        {renderRow(item, index, index === current)}
      </li>
    );
  });

  return (
    <div
      ref={scroller}
      class="virtual-list"
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul
        aria-label={label}
        onKeyDown={onKeyDown}
        onFocusIn={onFocusIn}
        style={{
          position: 'relative',
          height: `${items.length * rowHeight}px`,
          margin: 0,
          padding: 0,
          listStyle: 'none',
        }}
      >
        {rows}
      </ul>
    </div>
  );
}
