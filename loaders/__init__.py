"""Read, normalise, validate and score SDG data into the canonical tables; pure pandas, no Dash."""
