// Loads an area's code on first visit: the first page a citizen opens downloads only the shell and its own area.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert, Spinner } from './ui';

export type AreaModule<P> = { default: ComponentType<P> };

const loaded = new Map<() => Promise<unknown>, ComponentType<never>>();

export function Lazy<P extends object>(props: { load: () => Promise<AreaModule<P>>; props: P }) {
  const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded.get(props.load) as ComponentType<P> | undefined);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const known = loaded.get(props.load) as ComponentType<P> | undefined;
    if (known) {
      setComponent(() => known);
      return;
    }
    let live = true;
    setComponent(undefined);
    props.load().then(
      (m) => {
        loaded.set(props.load, m.default as ComponentType<never>);
        if (live) setComponent(() => m.default);
      },
      (err: unknown) => { if (live) setError(err); },
    );
    return () => { live = false; };
  }, [props.load]);
  if (error) return <ErrorAlert error={error} onRetry={() => location.reload()} />;
  if (!component) return <Spinner />;
  const C = component;
  return <C {...props.props} />;
}
