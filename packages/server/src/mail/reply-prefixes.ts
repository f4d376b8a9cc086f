/**
 * Reply and forward prefixes mail clients put before a subject, in the languages CalmDesk serves and
 * their neighbours: Re/RE/Aw/Antw/Sv/Vs/Vast (reply), Odp (Polish reply), Fwd/Fw/PD/Tr/WG/Edasi (forward).
 * Example: "Odp: RE: Fwd: Zepsuty suszarka" → "Zepsuty suszarka".
 */
const PREFIX =
  /^\s*(?:re|aw|antw|sv|vs|vast|odp|fwd?|pd|tr|wg|rv|rif|edasi|vl)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;

/** The subject without any chain of reply or forward prefixes. */
export function stripReplyPrefixes(subject: string): string {
  let rest = subject.trim();
  for (let match = PREFIX.exec(rest); match; match = PREFIX.exec(rest)) rest = rest.slice(match[0].length);
  return rest.trim();
}
