import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Answer } from './client';

export interface Resource<T> {
  answer: Answer<T> | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

/** GETs `path` (none while it is null), again when it changes or on reload; stale answers are dropped. */
export function useResource<T>(path: string | null): Resource<T> {
  const [answer, setAnswer] = useState<Answer<T>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    if (path === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await api<T>('GET', path);
      if (ticket !== latest.current) return;
      setAnswer(result);
      setError(undefined);
    } catch (caught) {
      if (ticket !== latest.current) return;
      setError(
        caught instanceof ApiError
          ? caught
          : new ApiError(0, [{ code: 'error', title: String(caught) }]),
      );
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  return { answer, error, loading, reload: load };
}
