// The peers measured by the bench ship no types; only the calls the bench makes are declared.
declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number };
  }
}
declare module 'vader-sentiment' {
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): Record<string, number> } };
  export default vader;
}
