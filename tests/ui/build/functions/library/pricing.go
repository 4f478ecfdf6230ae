// Package pricing is a library: nothing here is a program.
package pricing

func Total(prices []int) (sum int) {
	for _, p := range prices {
		sum += p
	}
	return sum
}
