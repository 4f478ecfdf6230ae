module example.com/shop/pricing

go 1.19
