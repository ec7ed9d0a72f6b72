/**
 * Formats milliseconds the way Go's `time.Duration.String()` does, which is what OpenAI's `x-ratelimit-reset-*`
 * headers carry: `12ms`, `1s`, `1.5s`, `6m0s`, `1m29.76s`, `1h0m0s`.
 */
export function formatGoDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = trimDecimals((ms % 60_000) / 1000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function trimDecimals(value: number): string {
  return value.toFixed(3).replace(/\.?0+$/, '');
}
