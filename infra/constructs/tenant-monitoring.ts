// A tenant's health at a glance (docs/operations.md, Dashboards and alarms): one CloudWatch dashboard per tenant and
// the alarms the operator is paged for, all notifying the platform's alarm topic, named by its ARN (the platform stack
// owns it; a tenant stack is deployed on its own).
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm, AlarmStatusWidget, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, TreatMissingData, type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServiceFunction } from './service-function';

/** Powertools Metrics' namespace for every function (POWERTOOLS_METRICS_NAMESPACE in ServiceFunction). */
export const METRICS_NAMESPACE = 'TinhSo';

/** The daily overdue job's metric (functions/dossiers/overdue.ts): Powertools adds `service`; the job adds `tenant`. */
export const OVERDUE_METRIC = { name: 'OverdueDossiers', service: 'dossiers-overdue' } as const;

/** What pages the operator, and when. Periods are 5 minutes unless said. */
export const ALARM_THRESHOLDS = {
  /** Percent of the API's requests answered 5xx, in 2 of 3 periods. */
  serverErrorRatePercent: 5,
  /** Throttled invocations of any of the tenant's functions, in one period: the account's concurrency is exhausted. */
  throttles: 1,
  /** The API's p99 latency in ms, in 3 periods running. */
  p99LatencyMs: 3000,
  /** Messages in the dead-letter queue: a stream batch or a scheduled run was given up on. */
  deadLetters: 1,
  /** Dossiers that passed their due date since the daily report (one datapoint a day). */
  overdueDossiers: 1,
} as const;

/** CloudWatch alarms evaluate at most 10 metrics (queries) each: 9 functions and the expression summing them. */
const FUNCTIONS_PER_THROTTLE_ALARM = 9;

const PERIOD = Duration.minutes(5);

export interface TenantMonitoringProps {
  tenant: string;
  api: HttpApi;
  /** Every function of the tenant. */
  functions: readonly ServiceFunction[];
  /** Those fed by a table's stream (service consumers and metering consumers). */
  streamConsumers: readonly ServiceFunction[];
  deadLetters: IQueue;
  /** The operator's topic (OPERATOR_ALARM_TOPIC_NAME), by ARN. */
  alarmTopicArn: string;
}

export class TenantMonitoring extends Construct {
  readonly dashboard: Dashboard;
  readonly serverErrorRate: Alarm;
  /** One per group of up to 9 functions. */
  readonly throttles: Alarm[];
  readonly p99Latency: Alarm;
  readonly deadLetters: Alarm;
  readonly overdueDossiers: Alarm;

  constructor(scope: Construct, id: string, props: TenantMonitoringProps) {
    super(scope, id);
    const { tenant, api } = props;
    const prefix = `tinhso-${tenant}`;
    const notify = new SnsAction(Topic.fromTopicArn(this, 'OperatorAlarms', props.alarmTopicArn));
    const label = (fn: ServiceFunction) => fn.node.id.replace(/^[A-Za-z]+-/, '');

    const requests = api.metricCount({ period: PERIOD, statistic: 'Sum', label: 'Requests' });
    const clientErrors = api.metricClientError({ period: PERIOD, statistic: 'Sum', label: '4xx' });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum', label: '5xx' });
    // Alarmed metrics carry no label: a labelled one becomes a metric-math query in the alarm, harder to read there.
    const p99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: PERIOD,
      label: '5xx rate (%)',
    });
    const overdue = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: OVERDUE_METRIC.name,
      dimensionsMap: { service: OVERDUE_METRIC.service, tenant },
      statistic: 'Maximum',
      period: Duration.days(1),
    });
    const deadLetterDepth = props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });

    const alarm = (name: string, description: string, metric: IMetric, options: { threshold: number; evaluationPeriods: number; datapointsToAlarm?: number }) => {
      const created = new Alarm(this, name, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: `Tinh So ${tenant}: ${description} (docs/operations.md, Dashboards and alarms)`,
        metric,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No requests, no runs: nothing is wrong.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      return created;
    };

    this.serverErrorRate = alarm('api-5xx-rate', `${ALARM_THRESHOLDS.serverErrorRatePercent}% or more of API requests answered 5xx`, errorRate,
      { threshold: ALARM_THRESHOLDS.serverErrorRatePercent, evaluationPeriods: 3, datapointsToAlarm: 2 });
    this.p99Latency = alarm('api-p99-latency', `API p99 latency at or over ${ALARM_THRESHOLDS.p99LatencyMs} ms for 15 minutes`, p99,
      { threshold: ALARM_THRESHOLDS.p99LatencyMs, evaluationPeriods: 3 });
    this.throttles = chunks(props.functions, FUNCTIONS_PER_THROTTLE_ALARM).map((group, i) => alarm(`lambda-throttles-${i + 1}`,
      `a function was throttled (${group.map(label).join(', ')})`,
      new MathExpression({
        expression: `SUM([${group.map((_, j) => `t${j}`).join(', ')}])`,
        usingMetrics: Object.fromEntries(group.map((fn, j) => [`t${j}`, fn.function.metricThrottles({ period: PERIOD, statistic: 'Sum' })])),
        period: PERIOD,
        label: 'Throttles',
      }),
      { threshold: ALARM_THRESHOLDS.throttles, evaluationPeriods: 1 }));
    this.deadLetters = alarm('dead-letters', 'the dead-letter queue holds failed stream batches or scheduled runs; redrive them', deadLetterDepth,
      { threshold: ALARM_THRESHOLDS.deadLetters, evaluationPeriods: 1 });
    this.overdueDossiers = alarm('overdue-dossiers', 'dossiers passed their due date since the last daily report', overdue,
      { threshold: ALARM_THRESHOLDS.overdueDossiers, evaluationPeriods: 1 });

    const perFunction = (metric: (fn: ServiceFunction) => IMetric) => props.functions.map(metric);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new GraphWidget({ title: 'API requests', left: [requests], width: 8 }),
          new GraphWidget({ title: 'API 4xx / 5xx', left: [clientErrors, serverErrors], right: [errorRate], width: 8 }),
          new GraphWidget({ title: 'API p99 latency (ms)', left: [p99.with({ label: 'p99' })], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Lambda errors', left: perFunction((fn) => fn.function.metricErrors({ period: PERIOD, statistic: 'Sum', label: label(fn) })), width: 8 }),
          new GraphWidget({ title: 'Lambda throttles', left: perFunction((fn) => fn.function.metricThrottles({ period: PERIOD, statistic: 'Sum', label: label(fn) })), width: 8 }),
          new GraphWidget({ title: 'Lambda duration p99 (ms)', left: perFunction((fn) => fn.function.metricDuration({ period: PERIOD, statistic: 'p99', label: label(fn) })), width: 8 }),
        ],
        [
          new GraphWidget({
            title: 'Stream iterator age (ms)',
            left: props.streamConsumers.map((fn) => fn.function.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum', label: label(fn) })),
            width: 8,
          }),
          new GraphWidget({ title: 'Dead-letter queue depth', left: [deadLetterDepth.with({ label: 'Messages visible' })], width: 8 }),
          new GraphWidget({ title: 'Overdue dossiers', left: [overdue.with({ label: 'Overdue since the last daily report' })], width: 8 }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [this.serverErrorRate, this.p99Latency, ...this.throttles, this.deadLetters, this.overdueDossiers], width: 24 })],
      ],
    });
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
