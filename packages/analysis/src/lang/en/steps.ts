import type { StepTexts } from '../../guide/steps.ts';

export const steps: StepTexts = {
  set_boundary: {
    title: 'Set a calm boundary',
    why: 'The customer is abusing staff: say calmly that insults are not accepted, then return to the issue.',
  },
  escalate: {
    title: 'Hand the case to a supervisor',
    why: 'Threats (legal, public or of violence) need a supervisor’s decision and a fast response.',
  },
  keep_commitment: {
    title: 'Keep the overdue promise',
    why: 'A promised reply is overdue: apologise and deliver it first.',
  },
  let_vent: {
    title: 'Let the customer vent',
    why: 'An angry customer needs to be heard first; do not interrupt or argue.',
  },
  acknowledge: {
    title: 'Acknowledge how they feel',
    why: 'Naming the emotion lowers the tension and builds trust.',
  },
  apologise: {
    title: 'Apologise',
    why: 'The fault is ours or the customer waited long: apologise instead of making excuses.',
  },
  list_problems_back: {
    title: 'List every problem back',
    why: 'Several failures in a row often lie behind the anger – answer each one.',
  },
  review_history: {
    title: 'Review the earlier correspondence',
    why: 'A late, unspecific complaint with a refund demand: check whether the customer was satisfied before.',
  },
  ask_specifics: {
    title: 'Ask for specifics',
    why: 'It is not clear what exactly is wrong: ask for details before offering a repair.',
  },
  verify: {
    title: 'Verify the facts',
    why: 'Fault is not established: check the customer’s account before promising anything.',
  },
  propose_solution: {
    title: 'Propose a solution',
    why: 'Ask what would put it right; prefer a repair, replacement or voucher to cash.',
  },
  commit: {
    title: 'Say what you will do and when',
    why: 'Give your name and contact, and when you will come back with an answer.',
  },
};
