import { CatalogView } from '@/components/catalog/catalog-view';

export default function ShopPage() {
  return <CatalogView />;
}
