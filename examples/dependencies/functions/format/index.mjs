// Formats a duration with `ms`, installed at synth by `npm ci --omit=dev` from the lockfile.
import ms from "ms";

export const handler = async (event) => ({ text: ms(event.milliseconds ?? 0, { long: true }) });
