import { useState, type FormEvent } from 'react';
import './order-status.css';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { HostError, type HostResult } from '../../src/contract/host';
import { normaliseOrderNumber, type OrderStatusReply } from '../../src/contract/order-status';
import { ORDER_ID } from '../../src/contract/receiver';
import type { MessageKey } from '../../src/i18n/translate';

type Answer = HostResult<'order.lookupStatus'> | { outcome: 'error'; message: string };

/**
 * "Bestellstatus": the customer asks where an order is, by its number and the email given at
 * checkout. The email lives in this component's state only (memory) and is gone when the
 * screen closes; the host turns it into a lookup key and asks the lab's server.
 */
export function OrderStatusScreen() {
  const t = useT();
  const host = useHost();
  const order = useAppStore((s) => s.order);
  const setView = useAppStore((s) => s.setView);
  // From the success screen the number is the order just sent.
  const [orderNumber, setOrderNumber] = useState(order.state === 'done' ? order.orderId : '');
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<{ orderNumber?: MessageKey; email?: MessageKey }>({});
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const check = () => {
    const found: typeof problems = {};
    if (!ORDER_ID.test(normaliseOrderNumber(orderNumber)))
      found.orderNumber = 'status.error.orderNumber';
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = 'status.error.email';
    setProblems(found);
    return Object.keys(found).length === 0;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !check()) return;
    setBusy(true);
    setAnswer(null);
    try {
      const orderId = normaliseOrderNumber(orderNumber);
      setOrderNumber(orderId);
      setAnswer(await host.invoke('order.lookupStatus', { orderId, email }));
    } catch (error) {
      setAnswer({
        outcome: 'error',
        message:
          error instanceof HostError && error.code === 'server-untrusted'
            ? t('hostError.server-untrusted', error.params)
            : t('error.host', { reason: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="order-status-screen" aria-labelledby="order-status-title">
      <h2 id="order-status-title">{t('status.title')}</h2>
      <p>{t('status.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <Field
          id="status-order-number"
          label={t('status.orderNumber')}
          value={orderNumber}
          onChange={setOrderNumber}
          problem={problems.orderNumber && t(problems.orderNumber)}
          placeholder="PD-ABCDEFGH23"
        />
        <Field
          id="status-email"
          type="email"
          label={t('status.email')}
          value={email}
          onChange={setEmail}
          problem={problems.email && t(problems.email)}
        />
        <div className="status-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('status.asking') : t('status.ask')}
          </button>
          <button
            type="button"
            onClick={() => setView(order.state === 'done' ? 'checkout' : 'products')}
          >
            {t('status.back')}
          </button>
        </div>
      </form>
      {answer && <AnswerView answer={answer} />}
    </section>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  type?: string;
  placeholder?: string;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        // Nothing the customer types here is offered to the browser to remember.
        autoComplete="off"
        spellCheck={false}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? errorId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.problem && (
        <p id={errorId} className="field-error">
          {props.problem}
        </p>
      )}
    </div>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  const t = useT();
  switch (answer.outcome) {
    case 'found':
      return <StatusView status={answer.status} />;
    case 'not-found':
      return (
        <p role="alert" className="status-problem">
          {t('status.notFound')}
        </p>
      );
    case 'too-many':
      return (
        <p role="alert" className="status-problem">
          {t('status.tooMany', { minutes: Math.max(1, Math.ceil(answer.retryAfterS / 60)) })}
        </p>
      );
    case 'unreachable':
      return (
        <div role="alert" className="status-problem">
          <p>{t('status.unreachable')}</p>
          <details>
            <summary>{t('order.failedDetails')}</summary>
            <code>{answer.detail}</code>
          </details>
        </div>
      );
    case 'error':
      return (
        <p role="alert" className="status-problem">
          {answer.message}
        </p>
      );
  }
}

const steps = ['received', 'in-production', 'shipped'] as const;
const stepLabel: Record<(typeof steps)[number], MessageKey> = {
  received: 'status.step.received',
  'in-production': 'status.step.inProduction',
  shipped: 'status.step.shipped',
};

/** The three steps as a line of dots, those reached filled; the parcel below once shipped. */
function StatusView({ status }: { status: OrderStatusReply }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const reached = steps.indexOf(status.state as (typeof steps)[number]);
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });
  return (
    <section className="status-result" role="status" aria-labelledby="status-result-title">
      <h3 id="status-result-title">{t('status.resultTitle', { orderId: status.orderId })}</h3>
      <ol className="status-steps">
        {steps.map((step, i) => (
          <li
            key={step}
            className={i <= reached ? 'reached' : undefined}
            aria-current={i === reached ? 'step' : undefined}
          >
            <span className="status-dot" aria-hidden="true" />
            <span>{t(stepLabel[step])}</span>
            {i <= reached && <span className="visually-hidden">{t('status.stepReached')}</span>}
          </li>
        ))}
      </ol>
      <p>{t(`status.explain.${status.state}`, { date: date(status.updatedAt) })}</p>
      {status.shipment && (
        <dl className="status-parcel">
          <dt>{t('status.shippedOn')}</dt>
          <dd>{date(status.shipment.shippedAt)}</dd>
          {status.shipment.carrier && (
            <>
              <dt>{t('status.carrier')}</dt>
              <dd>{status.shipment.carrier}</dd>
            </>
          )}
          <dt>{t('status.tracking')}</dt>
          <dd data-testid="status-tracking">
            {status.shipment.trackingNumber ?? t('status.noTracking')}
          </dd>
        </dl>
      )}
    </section>
  );
}

/** The way to the status screen: on the start screen, and after an order on its success screen. */
export function OrderStatusLink({ label = 'status.open' }: { label?: MessageKey }) {
  const t = useT();
  const setView = useAppStore((s) => s.setView);
  return (
    <p className="order-status-link">
      <button type="button" onClick={() => setView('status')}>
        {t(label)}
      </button>
    </p>
  );
}
