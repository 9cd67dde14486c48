'use client';

import { useMemo } from 'react';
import type { Product } from '@/lib/api';
import { useApiData } from '@/lib/use-api-data';
import { useApi } from '../providers/api-provider';

/** Product names by id, for order lines (which carry only product ids). Empty until loaded. */
export function useProductNames(): ReadonlyMap<string, string> {
  const api = useApi();
  const products = useApiData<Product[]>('products', () => api.listProducts());
  return useMemo(() => new Map(products.state === 'ready' ? products.data.map((p) => [p.id, p.name]) : []), [products]);
}
