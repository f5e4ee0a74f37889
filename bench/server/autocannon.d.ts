// The part of autocannon 8 the bench uses (the package ships no types).
declare module 'autocannon' {
  function autocannon(options: autocannon.AutocannonOptions): Promise<autocannon.AutocannonResult>;

  namespace autocannon {
    interface RequestContext {
      [key: string]: unknown;
    }

    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: AutocannonRequest, context: RequestContext) => AutocannonRequest;
      onResponse?: (status: number, body: string, context: RequestContext, headers: Record<string, string>) => void;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      pipelining?: number;
      duration?: number;
      /** Stop after this many requests instead of after `duration`. */
      amount?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: AutocannonRequest[];
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface AutocannonResult {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Histogram;
      requests: Histogram & { sent: number };
      throughput: Histogram;
    }
  }

  export = autocannon;
}
