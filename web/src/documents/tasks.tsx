// Tasks due (theo dõi nhiệm vụ): incoming documents assigned with a deadline, overdue first, in red; due within
// three days in amber. The API decides the state by Vietnam's calendar day.
import { useState } from 'preact/hooks';
import { formatDate } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Badge, Loading, Page, SelectField, useLoad } from '../core/ui';
import { documentsApi, type Task, type Unit } from './api';
import { ExchangeBadge, UnitChooser, unitName, useBoxUnit, useUnits } from './common';
import { TEXT } from './text';

type Scope = 'unit' | 'mine' | 'assigned-by-me';

export function TasksPage(props: { tenant: string }) {
  const units = useUnits(props.tenant);
  return (
    <Page title={t(TEXT.tasks)} lead={t(TEXT.tasksLead)}>
      <Loading state={units}>{(list) => <TaskList tenant={props.tenant} units={list} />}</Loading>
    </Page>
  );
}

const STATE = {
  overdue: { tone: 'danger', text: TEXT.overdue, row: 'overdue' },
  'due-soon': { tone: 'warning', text: TEXT.dueSoon, row: 'due-today' },
  open: { tone: 'success', text: TEXT.open, row: '' },
} as const;

function TaskList(props: { tenant: string; units: Unit[] }) {
  const [scope, setScope] = useState<Scope>('unit');
  const [unit, setUnit] = useBoxUnit(props.units);
  const tasks = useLoad(() => documentsApi(props.tenant).tasks(scope, unit), [props.tenant, scope, unit]);
  return (
    <>
      <div class="row no-print">
        <SelectField label={t(TEXT.scope)} value={scope} onValue={(v) => setScope(v as Scope)} options={[
          { value: 'unit', label: t(TEXT.scopeUnit) }, { value: 'mine', label: t(TEXT.scopeMine) }, { value: 'assigned-by-me', label: t(TEXT.scopeByMe) },
        ]} />
        {scope === 'unit' ? <UnitChooser units={props.units} value={unit} onValue={setUnit} /> : null}
      </div>
      <Loading state={tasks}>
        {(data) => {
          const rows: Task[] = [...data.overdue, ...data.dueSoon, ...data.open];
          return (
            <>
              <p class="muted">{t(TEXT.today)}: {formatDate(data.today)}</p>
              {rows.length === 0 ? <p>{t(TEXT.noTasks)}</p> : (
                <div class="table-wrap">
                  <table>
                    <caption class="sr-only">{t(TEXT.tasks)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t(TEXT.deadline)}</th><th scope="col">{t(TEXT.taskState)}</th><th scope="col">{t(TEXT.numberSymbol)}</th>
                        <th scope="col">{t(TEXT.subject)}</th><th scope="col">{t(TEXT.assignee)}</th><th scope="col">{t(TEXT.status)}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((task) => {
                        const state = STATE[task.state];
                        return (
                          <tr key={task.id} class={state.row}>
                            <td>{formatDate(task.deadline)}</td>
                            <td><Badge tone={state.tone}>{t(state.text)}</Badge></td>
                            <td>{task.numberSymbol}</td>
                            <td><a href={href(props.tenant, 'console', 'documents', 'incoming', task.id)}>{task.subject}</a></td>
                            <td>{task.assignment.unit ? unitName(props.units, task.assignment.unit) : ''}{task.assignment.note ? <div class="muted">{task.assignment.note}</div> : null}</td>
                            <td><ExchangeBadge code={task.status} /></td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}
