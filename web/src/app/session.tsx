/**
 * Who is signed in. The session itself is an HttpOnly cookie the page cannot read; `/api/v1/me`
 * says whom it belongs to. A 401 anywhere means "show the sign-in page".
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, api } from "../lib/api.js";

export type Role = "merchant" | "operator" | "platform" | "channel" | "admin";

export interface Me {
  username: string;
  role: Role;
  merchantId: string | null;
}

interface SessionState {
  me: Me | null;
  checking: boolean;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    api.get<Me>("/api/v1/session").then(
      (value) => {
        setMe(value);
        setChecking(false);
      },
      (error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) console.error(error);
        setChecking(false);
      },
    );
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const value = await api.post<Me>("/api/v1/session", { username, password });
    setMe(value);
    return value;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.del<void>("/api/v1/session");
    } finally {
      setMe(null);
    }
  }, []);

  return (
    <SessionContext.Provider value={{ me, checking, signIn, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** Operators and admins run the campaign; both see the operator console. */
export function isOperator(me: Me | null): boolean {
  return me?.role === "operator" || me?.role === "admin";
}

/** Where each role lands after signing in. */
export function homeFor(me: Me): string {
  if (me.role === "merchant" && me.merchantId) {
    return `/merchants/${encodeURIComponent(me.merchantId)}/campaign`;
  }
  return isOperator(me) ? "/review" : "/venue";
}
