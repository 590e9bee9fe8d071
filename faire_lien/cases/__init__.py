"""Cases: everything a person needs a human for, from the request to the closing, on both sides."""
