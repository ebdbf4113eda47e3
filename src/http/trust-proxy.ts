/**
 * `--trust-proxy`: the addresses of reverse proxies whose `X-Forwarded-For` names the client
 * (Fastify's `trustProxy`: IPs, CIDR ranges, or `loopback` / `linklocal` / `uniquelocal`, comma
 * separated). Without it the client is the socket's peer, and behind a proxy every client would
 * share the proxy's address — in the sign-in throttle too.
 */
import Fastify from "fastify";

/** Why `value` is not a usable list, or undefined when it is (checked as Fastify will read it). */
export function trustProxyProblem(value: string): string | undefined {
  if (value.trim() === "") return "it is empty";
  try {
    Fastify({ trustProxy: value, logger: false });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
