// Hash routing (#/<tenant>/<area>/…): a static host serves index.html for every page and /v1/* stays the API's,
// with no rewrite rules in CloudFront. The tenant is always the first segment.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  tenant: string | undefined;
  /** Segments after the tenant, decoded. */
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#\/?/, '').split('?');
  const segments = pathPart.split('/').filter(Boolean).map((s) => {
    try { return decodeURIComponent(s); } catch { return s; }
  });
  return { tenant: segments[0], path: segments.slice(1), query: new URLSearchParams(queryPart) };
}

/** The href of a page of a tenant: href('nghean', 'procedures', code) → #/nghean/procedures/<code>. */
export function href(tenant: string, ...path: (string | number)[]): string {
  return `#/${[tenant, ...path].map((s) => encodeURIComponent(String(s))).join('/')}`;
}

export function navigate(to: string): void {
  if (location.hash === to) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
