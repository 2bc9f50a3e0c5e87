package provider

// Creates of objects without a unique name (backups, projects, API keys) are
// not retried by the client after a failure that leaves open whether the
// server acted: a blind retry could make two. The resources recover instead:
// list before the create, and after such a failure list again; an object
// that appeared and matches is ours (adopt it, or for API keys replace it),
// none means the create did not land (create once more).

// appeared returns the items of after that are not in before and match.
func appeared[T any](before, after []T, id func(T) string, match func(T) bool) []T {
	known := make(map[string]bool, len(before))
	for _, item := range before {
		known[id(item)] = true
	}
	var out []T
	for _, item := range after {
		if !known[id(item)] && match(item) {
			out = append(out, item)
		}
	}
	return out
}
