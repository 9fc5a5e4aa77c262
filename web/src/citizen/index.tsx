// PLACEHOLDER: replaced by the citizen area.
import type { AreaProps } from '../core/area';
import { Page } from '../core/ui';

export default function Area(_props: AreaProps) {
  return <Page title="citizen">…</Page>;
}
