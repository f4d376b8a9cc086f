import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../index.ts';
import type { Flag } from '../../vocabulary.ts';

const flagsOf = (text: string) => analyzeMessage(text, { lang: 'en' }).flags;

/** Each structure: messages that must raise the flag, and close look-alikes that must not. */
function expectFlag(flag: Flag, fires: readonly string[], quiet: readonly string[]) {
  it.each(fires)(`raises ${flag}: %s`, (text) => {
    expect(flagsOf(text)).toContain(flag);
  });
  it.each(quiet)(`does not raise ${flag}: %s`, (text) => {
    expect(flagsOf(text)).not.toContain(flag);
  });
}

describe('urgency: a need or an order with now, today or a deadline', () => {
  expectFlag(
    'urgency',
    [
      // a need × a deadline (a clock time, a day, a date)
      'I need the keys back by 6pm tonight, I start a shift at seven.',
      'The dress has to be altered before Saturday, the wedding is that morning.',
      // an order × the moment itself
      'The kitchen ceiling is dripping. Send someone today.',
      'My phone line is dead. Call me back before 3pm please.',
      // wanted today, in a complaint
      'The invoice is wrong. I want it corrected today.',
      // a deadline inside a condition
      'Unless the deposit is returned by 30 June, I will start a claim.',
      // "Now." as a clause of its own after a demand
      'Two weeks without my money. Refund. Now.',
    ],
    [
      'I need a quote for a new fence before I decide anything.',
      'Someone came today and fixed the sink, all good now.',
      'I want to thank the team for today, it was a lovely party.',
      'Unless you hear otherwise, assume I will collect it myself.',
      'Just so you know, the tap in the staff room drips. Not urgent.',
      // an ultimatum without a time is a threat, not a deadline
      "Refund me or I'll report you to Trading Standards.",
    ],
  );
});

describe('repeat contact: time and history as pressure', () => {
  expectFlag(
    'repeat_contact',
    [
      // time since × a state still open
      "It's been three weeks since I returned the jacket and there's still no refund.",
      "You've had my bike for six weeks and it is still broken.",
      // a wait counted
      'Forty minutes on hold and nobody has answered.',
      'No reply in ten days, so here I am again.',
      // a date passed
      "The cake was due on Tuesday and it's now Thursday.",
      // contacts told day by day, and a count × a contact verb
      'I called on Monday, Tuesday and Wednesday and nobody picked up.',
      "I've unsubscribed twice and you still send me texts.",
      // the nth of something gone wrong, the same as last time
      'Third lot of cold chips this month, not good enough.',
      'The screen protector peeled off after a week, same as the last one. Very disappointed.',
    ],
    [
      'I called you on Monday to book a cut for Saturday.',
      "It's been a pleasure working with your team.",
      'The driver was 40 minutes late this morning, but the flowers are lovely.',
      "It's Thursday's class I wanted to ask about.",
      'Could I order a second coffee to take away?',
      'Same as last time please, a trim and a wash.',
      'I have unsubscribed from the newsletter, please confirm.',
      'The summer camp was cancelled with 2 days notice. Please refund the fee.',
    ],
  );
});

describe('threat_violence by implication', () => {
  expectFlag(
    'threat_violence',
    [
      // a condition × someone waiting for a person
      "If he talks to my son like that again, I'll be waiting for him after practice.",
      "If your manager won't see me, I'll be round to visit your depot myself.",
      // harm to property as what will not be left whole
      "Pay up or your van won't leave my street in one piece.",
      "You'd better hope your van isn't parked outside my house again.",
      // a dare to meet
      'Come out of your office and explain yourself to me, if you dare.',
    ],
    [
      "If the part arrives early, I'll be waiting for the courier at home.",
      'The sofa arrived in one piece, thank you for the careful delivery.',
      'Your van is parked across my drive, could you move it please?',
      "We'll come with the whole family for the birthday on Saturday.",
    ],
  );
});

describe('churn said briefly or formally', () => {
  expectFlag(
    'churn_threat',
    [
      "Please close our account with immediate effect. We've had enough of the surprise charges.",
      "The app crashes every day and support never answers. We're ending the contract.",
      'Your fees went up again. We will be instructing a different agent.',
      "Late for the third time. I'll find a plumber who can turn up on time.",
      'My daughter is leaving the club, the coach shouted at her in front of everyone and it is not okay.',
      'Cold food, rude staff. Won’t return.',
      "Snide comments about my hair all through the appointment. I'll take my money elsewhere then.",
    ],
    [
      "Please close my account with immediate effect, I'm moving abroad.",
      'Our contract ends in May, could you send the final invoice?',
      "We're instructing you to send the parcel to a different address.",
      'Could you help me find a plumber who can come on Saturday?',
      'My daughter is leaving the club early on Saturday for a party, is that ok?',
      "I won't return the dress until the refund is agreed.",
    ],
  );
});

describe('violence by its outcome, by knowing where, by a weapon brought along', () => {
  expectFlag(
    'threat_violence',
    [
      'Refund the deposit, or the next time I see your fitter he goes home on a stretcher.',
      'Your cleaner broke my vase and lied about it. I know where you live.',
      "I'll come to your office with a baseball bat if that invoice comes again.",
    ],
    [
      'If the pain gets worse, should I go to the hospital or come back to you?',
      'I know where your office is, I will drop the signed form on Monday.',
      "I'll come to your shop with the receipt on Friday.",
      "The trim was uneven again. I'll come to your salon with the dog at ten, as booked.",
      'The invoice is wrong again. I know where your office is, I will bring the papers myself.',
    ],
  );
});

describe('churn by what the customer will no longer do, cancel or buy here', () => {
  expectFlag(
    'churn_threat',
    [
      'The cashier laughed at my mother. We won’t be shopping at your store again.',
      "Eight summers with you and this one was a disaster. Don't expect us next year.",
      'Another surprise fee on my statement. Cancel my subscription.',
      'Your roofers let us down twice, useless, so we hired someone else to finish it.',
      "Three price rises in a year. We're switching to a cheaper supplier.",
    ],
    [
      "I won't be using the voucher until spring, is that fine?",
      "I won't be coming today, could you move me to Friday?",
      'Sorry, I won’t be coming to your class tomorrow, I am ill.',
      'Could you cancel my subscription to the newsletter, thanks.',
      "We're going to a better place for lunch after the appointment, see you at two.",
      'Don’t expect us before ten, the train is late.',
      'I hired someone else to carry the boxes, just leave them at the door.',
    ],
  );
});

describe('gratitude: thanks that are meant, not a formula', () => {
  expectFlag(
    'gratitude',
    [
      'Thank you Anna for your patience with all my questions.',
      'Brilliant advice, the letter from the tax office is sorted.',
      'Huge thanks to the whole team for the wedding.',
      'My hair has never looked so good. Great job!',
      'Thank you!',
    ],
    [
      'I would be grateful if you could send me the invoice again.',
      'Can you recommend a good vet near the station?',
      'Do you have a surf lesson free on Saturday? Cheers, Fin',
      'The haircut was not a great job, the fringe is uneven.',
    ],
  );
});
