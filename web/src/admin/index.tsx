// PLACEHOLDER: replaced by the admin area.
import type { AreaProps } from '../core/area';
import { Page } from '../core/ui';

export default function Area(_props: AreaProps) {
  return <Page title="admin">…</Page>;
}
