// The building blocks every page uses: labelled fields, buttons, alerts, loading and errors. Each control has a
// visible label tied to it (for/id), errors are announced (role=alert) and linked by aria-describedby.
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { t, type Text } from './i18n';

// A form's or action button's sending state: in submit.ts, whose pure part is unit-tested without a browser.
export { Invalid, useSubmit } from './submit';

export const COMMON_TEXT = {
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  required: { vi: 'bắt buộc', en: 'required' },
  requiredMissing: { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' },
  save: { vi: 'Lưu', en: 'Save' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  close: { vi: 'Đóng', en: 'Close' },
  back: { vi: 'Quay lại', en: 'Back' },
  next: { vi: 'Tiếp tục', en: 'Next' },
  search: { vi: 'Tìm kiếm', en: 'Search' },
  empty: { vi: 'Không có mục nào.', en: 'Nothing here.' },
  more: { vi: 'Xem thêm', en: 'Load more' },
  unexpected: { vi: 'Đã có lỗi xảy ra. Hãy thử lại.', en: 'Something went wrong. Try again.' },
} satisfies Record<string, Text>;

/** The message of any error in the current language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return t(error.text);
  if (error && typeof error === 'object' && 'text' in error) return t((error as { text: Text }).text);
  return t(COMMON_TEXT.unexpected);
}

export function Page(props: { title: string; children: ComponentChildren; actions?: ComponentChildren; lead?: ComponentChildren }) {
  useEffect(() => { document.title = `${props.title} — Tỉnh Số`; }, [props.title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1}>{props.title}</h1>
        {props.actions ? <div class="page-actions">{props.actions}</div> : null}
      </header>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.children}
    </section>
  );
}

type AlertKind = 'error' | 'warning' | 'info' | 'success';
export function Alert(props: { kind: AlertKind; children: ComponentChildren; id?: string }) {
  return <div id={props.id} class={`alert alert-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>{props.children}</div>;
}

export function ErrorAlert(props: { error: unknown; onRetry?: () => void }) {
  if (!props.error) return null;
  return (
    <Alert kind="error">
      <span data-code={props.error instanceof ApiError ? props.error.code : undefined}>{errorText(props.error)}</span>
      {props.onRetry ? <> <button type="button" class="link" onClick={props.onRetry}>{t(COMMON_TEXT.retry)}</button></> : null}
    </Alert>
  );
}

export function Spinner(props: { label?: string }) {
  return <p class="loading" role="status" aria-live="polite">{props.label ?? t(COMMON_TEXT.loading)}</p>;
}

type ButtonProps = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & { kind?: 'primary' | 'secondary' | 'danger' | 'link'; busy?: boolean; type?: 'button' | 'submit' };
export function Button({ kind = 'secondary', busy, type = 'button', children, disabled, ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} class={kind === 'link' ? 'link' : `btn btn-${kind}`} disabled={Boolean(disabled) || busy} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

interface FieldShell { label: string; error?: string; hint?: string; required?: boolean; class?: string }

/** A labelled control: the label, an optional hint, the control, and its error, tied together for screen readers. */
export function Field(props: FieldShell & { children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren }) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${props.error ? 'field-invalid' : ''} ${props.class ?? ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
        {props.required ? <span class="sr-only"> ({t(COMMON_TEXT.required)})</span> : null}
      </label>
      {props.hint ? <p class="hint" id={hintId}>{props.hint}</p> : null}
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.error ? <p class="error" id={errorId} role="alert">{props.error}</p> : null}
    </div>
  );
}

type InputProps = FieldShell & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label' | 'type'> & { value: string; onValue: (value: string) => void; type?: string };
export function TextField({ label, error, hint, required, value, onValue, class: cls, ...rest }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required} class={cls}>
      {(c) => <input {...rest} id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} required={required} value={value} onInput={(e) => onValue(e.currentTarget.value)} />}
    </Field>
  );
}

type AreaProps = FieldShell & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onInput' | 'label'> & { value: string; onValue: (value: string) => void };
export function TextArea({ label, error, hint, required, value, onValue, class: cls, ...rest }: AreaProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required} class={cls}>
      {(c) => <textarea {...rest} id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} required={required} value={value} onInput={(e) => onValue(e.currentTarget.value)} />}
    </Field>
  );
}

export function SelectField(props: FieldShell & { value: string; onValue: (value: string) => void; options: { value: string; label: string }[]; placeholder?: string; disabled?: boolean; name?: string }) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} required={props.required} class={props.class}>
      {(c) => (
        <select id={c.id} name={props.name} aria-describedby={c.describedBy} aria-invalid={c.invalid} required={props.required} disabled={props.disabled} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChecked: (checked: boolean) => void; name?: string }) {
  const id = useId();
  return (
    <div class="check">
      <input type="checkbox" id={id} name={props.name} checked={props.checked} onChange={(e) => props.onChecked(e.currentTarget.checked)} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

export function Badge(props: { tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger'; children: ComponentChildren }) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

/** A modal dialog (the native <dialog>: focus is trapped and Escape closes it). */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const titleId = useId();
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose} onCancel={props.onClose}>
      <h2 id={titleId}>{props.title}</h2>
      {props.open ? props.children : null}
    </dialog>
  );
}

export interface Loaded<T> { data: T | undefined; error: unknown; loading: boolean; reload: () => void }

/** Loads data for a page; reload() fetches again (after an action, or a retry once the network is back). */
export function useLoad<T>(loader: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loader().then(
      (data) => { if (live) setState({ data, error: undefined, loading: false }); },
      (error: unknown) => { if (live) setState((s) => ({ data: s.data, error, loading: false })); },
    );
    return () => { live = false; };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Shows the loading line, the error with a retry, or the content once loaded. */
export function Loading<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { data, error, loading, reload } = props.state;
  if (error && data === undefined) return <ErrorAlert error={error} onRetry={reload} />;
  if (data === undefined) return loading ? <Spinner /> : null;
  return <>{error ? <ErrorAlert error={error} onRetry={reload} /> : null}{props.children(data)}</>;
}

/**
 * Form state kept in sessionStorage under a key: a reload, a lost connection or signing in again in another tab
 * does not lose what the user typed. clear() once the form was sent.
 */
export function useDraft<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const storageKey = `tinhso.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? ({ ...initial, ...(JSON.parse(raw) as T) }) : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback((next: T | ((prev: T) => T)) => {
    setValue((prev) => {
      const resolved = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      try { sessionStorage.setItem(storageKey, JSON.stringify(resolved)); } catch { /* storage full: the page still holds it */ }
      return resolved;
    });
  }, [storageKey]);
  const clear = useCallback(() => {
    try { sessionStorage.removeItem(storageKey); } catch { /* nothing stored */ }
  }, [storageKey]);
  return [value, update, clear];
}
