// The meetings area of the console: '' the week calendar, 'new' booking, 'schedule' the printable weekly work
// schedule, '<id>' one meeting.
import type { AreaProps } from '../core/area';
import { Booking } from './booking';
import { Calendar } from './calendar';
import { MeetingPage } from './meeting-page';
import { Schedule } from './schedule';

export default function Area(props: AreaProps) {
  const first = props.path[0];
  if (!first) return <Calendar {...props} />;
  if (first === 'new') return <Booking {...props} />;
  if (first === 'schedule') return <Schedule {...props} />;
  return <MeetingPage {...props} />;
}
