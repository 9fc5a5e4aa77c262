// PLACEHOLDER: replaced by the documents area.
import type { AreaProps } from '../core/area';
import { Page } from '../core/ui';

export default function Area(_props: AreaProps) {
  return <Page title="documents">…</Page>;
}
