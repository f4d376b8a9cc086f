import { describe, expect, it } from 'vitest';
import { coachReply } from '../../core.ts';

const rules = (draft: string) => coachReply(draft, { lang: 'en' }).findings.map((f) => f.rule);

/** Each group: drafts that must raise the finding, and close look-alikes of a good reply that must not. */
const cases: Record<string, { raise: string[]; keep: string[] }> = {
  arguing: {
    raise: [
      // correction and defence phrases
      "That's not correct, the parcel left our depot on Monday.",
      'With respect, the booking was for two people, not four.',
      'We have no record of any call from you last week.',
      'In fairness, our receptionist was following the booking rules.',
      'The pool was actually the only area closed, and only for a day.',
      // "X wasn't …, he was …"
      "She wasn't rude, she was explaining our policy.",
      'The cleaner did not skip your room, she was simply running behind.',
      // staff's word set against the customer's
      'Our plumber says he left the kitchen tidy.',
      // emphatic "did"
      'We did send the reminder on Friday.',
      // the charge or the work defended
      'The parking charge on your statement was correct.',
      'The tattoo was done exactly as agreed at the consultation.',
      'Headaches like these are usually caused by not drinking enough water.',
    ],
    keep: [
      "I'm sorry, the parcel didn't leave our depot on Monday as promised.",
      'We have no excuse for the missed call, and I am sorry.',
      "The refund wasn't sent on time; it was our mistake and I have now sent it.",
      'Our plumber will call you tomorrow to arrange the repair.',
      'We did not send the reminder, and that is our fault.',
      'We did check the boiler on Monday, but we missed the fault, and I am sorry.',
      'I have checked the charge and it was applied in error, so I have refunded it.',
      'The tattoo was not done as agreed, and we will redo it free of charge.',
      'I am sorry the callback we promised did not happen.',
    ],
  },
  blaming: {
    raise: [
      'You must have entered the wrong email address.',
      "If you'd read the confirmation, you would have seen the time.",
      'You arrived late, so the session had to be cut short.',
      'You were ten minutes late, so we gave the slot away.',
      'You were told twice that the sale items cannot be returned.',
      'Stains like these usually happen when the fabric is tumble dried.',
      'The vase would have been fine if it had been packed properly.',
      'In future please check the address before you pay.',
      'The delay stems from your late payment.',
    ],
    keep: [
      'You must have been so worried when the parcel did not arrive.',
      'You were kept waiting for ten minutes at the desk, and I am sorry.',
      "If you'd like a refund instead, just reply to this email.",
      'You were told the wrong time by our staff, and I am sorry.',
      'These usually arrive within two days, so I have chased the courier.',
      'In future we will check every order before it leaves the shop.',
      'Thank you for the photos you sent us.',
    ],
  },
  excuse: {
    raise: [
      'The appointment was cancelled because of the snow.',
      'The engineer was held up at another job this morning.',
      'The labels were printed by an outside agency, so the error was theirs.',
      'We only have one person answering the phones this week.',
      "We're a bit short-handed, so replies are slow.",
      'Our usual tutor is on holiday, so the lesson was moved.',
      "If anything was damaged in transit, that is the courier's responsibility, their fault, not ours.",
      'It has been our busiest month ever, hence the delay.',
    ],
    keep: [
      'I am sorry the appointment was cancelled; that was our decision and our mistake.',
      'The engineer will be with you at 10am tomorrow.',
      'I have asked our supplier to send a new part by Thursday.',
      'Our tutor is back from holiday on Monday and will call you then.',
      'We will only charge you once the repair is finished.',
      'The new handle will be sent by our supplier directly to you on Tuesday.',
      'There were only two people booked on the tour, so we can offer you a private guide.',
    ],
  },
  condescension: {
    raise: [
      "I'm sure you'll appreciate that we cannot refund opened items.",
      'Let me explain it slowly so you can follow.',
      "That's how the warranty works, I'm afraid.",
      'There is no need for that tone.',
      'As I told you yesterday, the shop closes at five.',
      'Now now, chill out, your order is on its way.',
      'Chin up, my love, it will be with you soon.',
      'I appreciate contracts can be confusing for a layperson.',
    ],
    keep: [
      "I'm sure you'll love the replacement when it arrives.",
      'Let me explain what happens next: the courier collects it tomorrow.',
      'There is no need for you to send the item back.',
      'As you told us yesterday, the shop was closed when you arrived, and I am sorry.',
      "I'm sorry, I'm not sure I've quite understood which order this is.",
    ],
  },
  hostility: {
    raise: [
      'Maybe hire a lawyer if you feel so strongly.',
      "Threats won't get your refund processed any faster.",
      'We note your third complaint this week.',
      "You're welcome to take your business elsewhere.",
      'If the service is so bad, why do you keep coming back?',
      "Great, another review. We'll add it to the pile.",
      "Cancel if you want, we won't lose sleep over it.",
      'Just saying, the instructions are in the box.',
      'Do let us know how the small claims court works out.',
      "Sorry it didn't meet your exacting standards.",
    ],
    keep: [
      'Perhaps you could send us a photo of the damage?',
      'We note your concerns and have passed them to the manager.',
      "You're welcome to call me directly on this number.",
      'If the problem is so urgent, I will come round today.',
      'Great news: your replacement is on its way.',
      'We will not charge you for the second visit.',
      'Please let us know how the new part works.',
      'Please feel free to write to me directly with any questions.',
      "You're welcome to try the new model in store before you decide.",
      'Since you are so unhappy with the colour, we will redo it free this week.',
      'Perhaps read through the guide I attached, and call me if anything is unclear.',
    ],
  },
  impossible_promise: {
    raise: [
      'I promise your sofa will be delivered tomorrow.',
      'Nothing like this will ever happen to you again.',
      'From now on every delivery will be on time.',
      'There will be no more delays from tomorrow, you have my word.',
    ],
    keep: [
      'We are changing our checks so that this is far less likely to happen again.',
      'Your sofa will be delivered tomorrow between 8am and noon.',
      'I promise to call you back by 4pm with an update.',
      'From now on you can track the order online.',
    ],
  },
};

describe('English coach findings (structures)', () => {
  for (const [rule, { raise, keep }] of Object.entries(cases)) {
    it.each(raise)(`raises ${rule}: %s`, (draft) => {
      expect(rules(draft)).toContain(rule);
    });
    it.each(keep)(`does not raise ${rule}: %s`, (draft) => {
      expect(rules(draft)).not.toContain(rule);
    });
  }
});
