// Eleven statements of about 950 characters each exceed IAM's 10,240 characters of inline policy per role.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role archivist {
            allow: [
                s3:GetObject on "arn:aws:s3:::acme-archive/01/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/02/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/03/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/04/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/05/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/06/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/07/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/08/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/09/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/10/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
                s3:GetObject on "arn:aws:s3:::acme-archive/11/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/\
                    customers-orders-invoices-and-shipping-notes-and-returns-by-region-and-by-day-of-the-year/*",
            ],
        }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: archivist,
        }
    }
}

fn main() {
    let _ = shop();
}
