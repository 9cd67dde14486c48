import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SERVER_PROBLEMS } from '../openapi/problem-groups';
import { ProductResponse } from '../openapi/responses/product.response';
import { ProductsService, ProductView } from './products.service';

/** The catalog: public, read-only. */
@ApiTags('catalog')
@Public()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ operationId: 'listProducts', summary: 'The catalog, by SKU' })
  @ApiOkResponse({ type: [ProductResponse] })
  @ApiProblems(SERVER_PROBLEMS)
  list(): Promise<ProductView[]> {
    return this.products.list();
  }
}
