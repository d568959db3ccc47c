// The shapes the alarm role and hbs answer with (extra fields are ignored, so newer roles stay compatible).

export interface AlarmCase {
  id: string;
  endpoint: string;
  metric: string;
  func: string;
  cond: string;
  note: string;
  maxStep: number;
  currentStep: number;
  priority: number;
  status: string;
  timestamp: string;
  updateAt: string | null;
  processStatus: string;
}

export interface AlarmEvent {
  step: number;
  cond: string;
  status: number | string;
  timestamp: string;
}

export interface Silence {
  id: string;
  user: string;
  endpoint: string;
  counter: string;
  until: string;
  comment: string;
  createdBy: string;
  createdAt: string;
}

export interface CaseNote {
  note: string;
  status: string;
  at: string;
  user: string;
}

export const ACKNOWLEDGED = 'in progress';

/** Whether a silence covers an alarm case: same endpoint (or *), and the same counter, or the metric alone covering every tag. */
export function covers(s: Silence, c: AlarmCase): boolean {
  if (s.endpoint !== '*' && s.endpoint !== c.endpoint) return false;
  if (s.counter === c.metric) return true;
  const metric = c.metric.split('/')[0];
  return s.counter === metric;
}
