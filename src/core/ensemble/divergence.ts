/** Raised when a loss or a prediction stops being finite. The run stops; earlier snapshots stay valid. */
export class DivergenceError extends Error {
  constructor(
    message: string,
    readonly step: number,
  ) {
    super(message);
    this.name = 'DivergenceError';
  }
}
