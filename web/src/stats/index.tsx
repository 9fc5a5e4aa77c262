// The statistics area of the console (#/<tenant>/console/stats): one page, the figures of a chosen period.
import type { AreaProps } from '../core/area';
import { StatsPage } from './stats-page';

export default function Area(props: AreaProps) {
  return <StatsPage {...props} />;
}
