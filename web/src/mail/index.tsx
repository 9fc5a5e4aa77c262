// PLACEHOLDER: replaced by the mail area.
import type { AreaProps } from '../core/area';
import { Page } from '../core/ui';

export default function Area(_props: AreaProps) {
  return <Page title="mail">…</Page>;
}
