// Matches a request path to a declared route as API Gateway does: literal segments win over {parameters}.
import { routeKey, type RouteDef } from '#shared/http/route';

export interface RouteMatch {
  service: string;
  route: RouteDef;
  routeKey: string;
  pathParameters: Record<string, string>;
}

interface Compiled {
  service: string;
  route: RouteDef;
  segments: string[];
  literals: number;
}

export function routeTable(services: { name: string; routes: Record<string, RouteDef> }[]) {
  const compiled: Compiled[] = services
    .flatMap((s) => Object.values(s.routes).map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      return { service: s.name, route, segments, literals: segments.filter((seg) => !seg.startsWith('{')).length };
    }))
    .sort((a, b) => b.literals - a.literals);

  return {
    /** undefined: no route has this path; `{ allowed }`: the path exists for other methods. */
    match(method: string, path: string): RouteMatch | { allowed: string[] } | undefined {
      const parts = path.split('/').filter(Boolean);
      const allowed: string[] = [];
      for (const candidate of compiled) {
        if (candidate.segments.length !== parts.length) continue;
        const pathParameters: Record<string, string> = {};
        const fits = candidate.segments.every((seg, i) => {
          const part = parts[i]!;
          if (seg.startsWith('{')) {
            try {
              pathParameters[seg.slice(1, -1)] = decodeURIComponent(part);
            } catch {
              return false;
            }
            return true;
          }
          return seg === part;
        });
        if (!fits) continue;
        if (candidate.route.method === method) {
          return { service: candidate.service, route: candidate.route, routeKey: routeKey(candidate.route), pathParameters };
        }
        allowed.push(candidate.route.method);
      }
      return allowed.length ? { allowed } : undefined;
    },
  };
}
