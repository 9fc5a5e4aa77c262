// What the app hands each area (citizen portal, and each part of the officials' console).
import type { TenantConfig } from './auth';
import type { Route } from './router';

export interface AreaProps {
  config: TenantConfig;
  route: Route;
  /** The route's segments after the area's own, e.g. ['123'] for #/nghean/console/dossiers/123. */
  path: string[];
}
