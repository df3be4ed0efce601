/**
 * An engine whose stories are spread over shards (MEILI_SHARDS), behind the same interface as one
 * engine: hits come from one remote federated search that the engine at `url` fans out and merges
 * by ranking score; totals and facet counts are each shard's exact counts, summed (a story lives
 * on one shard); documents are read from every shard. Writes go to the engine at `url` itself.
 */
import { Engine, type EngineOptions, type SearchHit, type SearchRequest, type SearchResult } from './meili.js';
import { EngineUnavailableError } from './errors.js';

export interface Shard {
  /** The remote's name in the engine's network. */
  name: string;
  url: string;
}

export class ShardedEngine extends Engine {
  /** One client per shard, for the counts and document reads taken from each. */
  private readonly shardEngines: Engine[];

  constructor(
    options: EngineOptions,
    private readonly shards: readonly Shard[],
  ) {
    super(options);
    this.shardEngines = shards.map((s) => new Engine({ url: s.url, apiKey: options.apiKey }));
  }

  override async search(uid: string, request: SearchRequest): Promise<SearchResult> {
    return (await this.shardedSearch(uid, [request]))[0]!;
  }

  override async searchAll(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    return this.shardedSearch(uid, requests);
  }

  override async multiSearch(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    return this.shardedSearch(uid, requests);
  }

  override async findDocuments(uid: string, filter: string, fields?: string[]): Promise<Record<string, unknown>[]> {
    return (await Promise.all(this.shardEngines.map((e) => e.documentsWhere(uid, filter, fields)))).flat();
  }

  override async *findDocumentPages(uid: string, filter: string, fields?: string[]): AsyncGenerator<Record<string, unknown>[]> {
    for (const shard of this.shardEngines) yield* shard.documentPages(uid, filter, fields);
  }

  override async searchableCount(uid: string): Promise<number> {
    return (await this.shardedSearch(uid, [{ q: '', page: 1, hitsPerPage: 0 }]))[0]!.totalHits;
  }

  /** Each shard's stamp, joined. */
  override async indexStamp(uid: string): Promise<string> {
    return (await Promise.all(this.shardEngines.map((e) => e.indexStamp(uid)))).join(',');
  }

  /**
   * Searches over every shard. The hits of each request: Meilisearch's remote federated search
   * (the `network` experimental feature), which runs it on each remote and merges by ranking
   * score. Its totals are estimates, so the counts come from each shard itself: one multi-search
   * per shard with no hits, exhaustive after distinct, added up.
   */
  private async shardedSearch(uid: string, requests: SearchRequest[]): Promise<SearchResult[]> {
    const counting = requests.map(({ limit: _l, offset: _o, attributesToRetrieve: _a, attributesToHighlight: _h, sort: _s, ...r }) => ({ ...r, page: 1, hitsPerPage: 0 }));
    const [counts, hits] = await Promise.all([
      Promise.all(this.shardEngines.map((e) => e.multiSearch(uid, counting))),
      Promise.all(requests.map((r) => this.federatedHits(uid, r))),
    ]);
    return requests.map((_, i) => {
      const facetDistribution: Record<string, Record<string, number>> = {};
      for (const shard of counts) {
        for (const [facet, values] of Object.entries(shard[i]!.facetDistribution)) {
          const merged = (facetDistribution[facet] ??= {});
          for (const [value, n] of Object.entries(values)) merged[value] = (merged[value] ?? 0) + n;
        }
      }
      return {
        hits: hits[i]!.hits,
        totalHits: counts.reduce((n, shard) => n + shard[i]!.totalHits, 0),
        facetDistribution,
        processingTimeMs: Math.max(hits[i]!.processingTimeMs, ...counts.map((shard) => shard[i]!.processingTimeMs)),
      };
    });
  }

  /** One page of hits over every shard, by remote federated search; paging moves to the federation. */
  private async federatedHits(uid: string, request: SearchRequest): Promise<{ hits: SearchHit[]; processingTimeMs: number }> {
    const { q, page, hitsPerPage, limit, offset, facets: _facets, ...params } = request;
    const size = limit ?? hitsPerPage ?? 20;
    if (size === 0) return { hits: [], processingTimeMs: 0 };
    const start = offset ?? ((page ?? 1) - 1) * size;
    return this.run(async () => {
      const res = (await this.client.multiSearch({
        federation: { offset: start, limit: size },
        queries: this.shards.map((s) => ({ indexUid: uid, q, ...params, federationOptions: { remote: s.name } })),
      })) as unknown as { hits: SearchHit[]; processingTimeMs: number; remoteErrors?: Record<string, unknown> };
      const failed = Object.keys(res.remoteErrors ?? {});
      if (failed.length) throw new EngineUnavailableError(`shard(s) ${failed.join(', ')} did not answer`);
      return { hits: res.hits.map(({ _federation: _f, ...hit }) => hit), processingTimeMs: res.processingTimeMs };
    });
  }
}
