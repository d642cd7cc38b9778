// Moving averages over closes, as the agents define them: SMA = arithmetic mean of the last n values; EMA with
// alpha 2/(n+1), seeded with the SMA of the first n values. Output aligned with the input (null until defined).

export function sma(values, period) {
  const out = new Array(values.length).fill(null);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= period) sum -= values[i - period];
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

export function ema(values, period) {
  const out = new Array(values.length).fill(null);
  if (values.length < period) return out;
  const alpha = 2 / (period + 1);
  let previous = 0;
  for (let i = 0; i < period; i++) previous += values[i];
  previous /= period;
  out[period - 1] = previous;
  for (let i = period; i < values.length; i++) {
    previous = alpha * values[i] + (1 - alpha) * previous;
    out[i] = previous;
  }
  return out;
}
