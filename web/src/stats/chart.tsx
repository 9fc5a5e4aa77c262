// A small horizontal stacked-bar chart in plain SVG (no chart library: the bundle budget). Each group gets one bar
// split into resolved on time, resolved late and pending; the table under it is the full text alternative, and the
// SVG carries a one-sentence summary as its accessible name.
import { t, type Text } from '../core/i18n';

export interface Segment { text: Text; color: string }
export interface Bar { label: string; values: number[]; note: string }

const LABEL_W = 230;
const NOTE_W = 70;
const WIDTH = 760;
const ROW_H = 30;
const BAR_H = 18;

const shorten = (s: string, max = 32) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function BarChart(props: { bars: Bar[]; segments: Segment[]; summary: string }) {
  const max = Math.max(1, ...props.bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const scale = (WIDTH - LABEL_W - NOTE_W - 10) / max;
  const height = props.bars.length * ROW_H + 10;
  return (
    <figure style={{ margin: 0 }}>
      {/* On a phone the chart keeps a readable size and scrolls sideways, like the table. */}
      <div class="table-wrap">
        <svg role="img" aria-label={props.summary} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: `${WIDTH}px`, minWidth: '34rem', display: 'block' }}>
          {props.bars.map((bar, row) => {
            const y = 5 + row * ROW_H;
            let x = LABEL_W;
            return (
              <g key={row}>
                <text x={LABEL_W - 8} y={y + BAR_H - 4} text-anchor="end" font-size="13" fill="#1a1f2b">
                  <title>{bar.label}</title>
                  {shorten(bar.label)}
                </text>
                <line x1={LABEL_W} x2={LABEL_W} y1={y - 4} y2={y + BAR_H + 4} stroke="#c9ced8" />
                {bar.values.map((value, i) => {
                  const w = value * scale;
                  const rect = value > 0 ? <rect key={i} x={x} y={y} width={w} height={BAR_H} fill={props.segments[i]!.color}><title>{`${t(props.segments[i]!.text)}: ${value}`}</title></rect> : null;
                  x += w;
                  return rect;
                })}
                <text x={x + 6} y={y + BAR_H - 4} font-size="13" fill="#4a5263">{bar.note}</text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <ul class="row" style={{ listStyle: 'none', padding: 0, gap: '1rem', alignItems: 'center' }} aria-hidden="true">
          {props.segments.map((s) => (
            <li key={s.color}><span style={{ display: 'inline-block', width: '1em', height: '1em', background: s.color, verticalAlign: 'middle', marginRight: '.35em' }} />{t(s.text)}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
