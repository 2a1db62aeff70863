// citation-js ships no type declarations; this is the part the export tests use.
declare module '@citation-js/core' {
  export class Cite {
    static async(data: unknown, options?: { forceType?: string }): Promise<Cite>
    data: Record<string, unknown>[]
  }
}
