'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../providers/api-provider';

/** Product names by id, for order lines (which carry only product ids). Empty until loaded. */
export function useProductNames(): ReadonlyMap<string, string> {
  const api = useApi();
  const { data } = useQuery({ queryKey: ['products'], queryFn: () => api.listProducts() });
  return useMemo(() => new Map((data ?? []).map((p) => [p.id, p.name])), [data]);
}
