/** How long-running work tells the user where it is. The CLI prints these; tests may collect them. */
export type ProgressListener = (message: string) => void;

export const silent: ProgressListener = () => {};

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
